/**
 * Reading real mail right (issue 10): why a message may never be answered automatically, kept on the message
 * so a rule that sends mail asks without reading the raw mail again; and whether it arrived cut short.
 */
export const mailReading = `
ALTER TABLE message ADD COLUMN never_answer TEXT;
ALTER TABLE message ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
`;
