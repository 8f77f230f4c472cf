// A setting of infra/ the local edge cannot serve as AWS would: one line naming where it is written.
export class EdgeConfigError extends Error {}
