import * as React from "react";

// Dates arrive as ISO strings; format in UTC so the server-rendered HTML and
// the browser agree whatever the time zone of the build machine.
const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export default function PostDate({ iso }) {
  return <time dateTime={iso.slice(0, 10)}>{format.format(new Date(iso))}</time>;
}
