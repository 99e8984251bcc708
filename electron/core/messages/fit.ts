/**
 * Cutting what an email brings to the size a change may have (MAX_CHANGE_VALUE_BYTES of JSON): text by its
 * JSON length, lists by whole items.
 */
const jsonLength = (value: unknown) => JSON.stringify(value).length;

/** The start of a text whose JSON fits in `max` characters (escapes count: a line break is two). */
export function fitText(text: string, max: number): string {
  let fitted = text.length > max ? text.slice(0, max) : text;
  for (let length = jsonLength(fitted); length > max; length = jsonLength(fitted)) {
    fitted = fitted.slice(0, Math.floor((fitted.length * max) / length) - 1);
  }
  // Not half a character: a cut between the two halves of a surrogate pair drops the first half too.
  const last = fitted.charCodeAt(fitted.length - 1);
  return fitted.length < text.length && last >= 0xd800 && last <= 0xdbff ? fitted.slice(0, -1) : fitted;
}

/** The first items of a list whose JSON together fits in `max` characters. */
export function fitList<T>(list: readonly T[], max: number): T[] {
  const fitted: T[] = [];
  let length = 2;
  for (const item of list) {
    length += jsonLength(item) + 1;
    if (length > max) break;
    fitted.push(item);
  }
  return fitted;
}
