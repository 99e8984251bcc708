const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** "812 bytes", "14 KB", "3.2 MB": how big a file is, to a glance's precision. */
export function formatFileSize(bytes: number): string {
  if (bytes === 1) return '1 byte';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}
