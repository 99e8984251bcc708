import { ChosenFiles } from '../common/ChosenFiles.tsx';
import { attachmentProblem } from './reply-attachments.ts';

interface ReplyAttachmentsProps {
  readonly files: readonly File[];
  onChange(files: File[]): void;
  readonly disabled: boolean;
}

/** The files going with a reply: add from the computer, see each one's size, take one off again. */
export function ReplyAttachments({ files, onChange, disabled }: ReplyAttachmentsProps) {
  return (
    <ChosenFiles
      files={files}
      onChange={onChange}
      disabled={disabled}
      problem={attachmentProblem(files)}
      label="Files to send"
      buttonVariant="subtle"
    />
  );
}
