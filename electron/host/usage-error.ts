/** A problem with how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
