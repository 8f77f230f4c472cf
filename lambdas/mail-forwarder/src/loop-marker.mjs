// The forwarder's loop marker: every message it sends carries
//   X-Jamstack-Forwarded-By: <function name>
// and a received message that already carries this forwarder's own marker came
// back to it (FORWARD_TO inside a receiving domain, or a mailbox forwarding back)
// and is not forwarded again. Markers of other forwarders are kept and ignored.

import { fieldValue, HeaderSection } from './header-section.mjs';

export const LOOP_MARKER = 'X-Jamstack-Forwarded-By';
const MARKER_NAME = LOOP_MARKER.toLowerCase();

export function carriesOwnMarker(message, forwarderName) {
  return HeaderSection.parse(message).fields.some((field) => field.name === MARKER_NAME && fieldValue(field) === forwarderName);
}

export function markerLine(forwarderName, eol) {
  return `${LOOP_MARKER}: ${forwarderName}${eol}`;
}
