/**
 * Reading real mail right (issue 10): why a message may never be answered automatically, kept on the message
 * so a rule that sends mail asks without reading the raw mail again; whether it arrived cut short; and large
 * blobs (a 44 MB attachment) kept in parts, so no statement binds all of one.
 */
export const mailReading: readonly string[] = [
  `ALTER TABLE message ADD COLUMN never_answer TEXT`,
  `ALTER TABLE message ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0`,
  // How many parts a blob is kept in (blob_part); 0 for a blob kept whole in its own row.
  `ALTER TABLE blob ADD COLUMN parts INTEGER NOT NULL DEFAULT 0`,
  `
    CREATE TABLE blob_part (
      hash TEXT NOT NULL,
      part INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (hash, part)
    )`,
];
