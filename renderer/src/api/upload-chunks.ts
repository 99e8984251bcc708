/** 512 KiB of file per `upload/chunk`: 683 KiB of base64, under the contract's 768 KiB. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/** Where each chunk of a file of `size` bytes starts. An empty file has none. */
export function chunkOffsets(size: number, chunk = UPLOAD_CHUNK_BYTES): number[] {
  const offsets: number[] = [];
  for (let offset = 0; offset < size; offset += chunk) offsets.push(offset);
  return offsets;
}

/** Bytes as base64, in slices: spreading 512 KiB into one call would overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}
