export type ToastKind = 'error' | 'success' | 'info';

/** One notification: what the stack shows and the provider keeps until its lifetime is over. */
export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly title: string;
  readonly message: string;
  /** Where the agent can go to act on it ("Open INC-42"). */
  readonly link?: { readonly label: string; readonly href: string; readonly hint?: string } | null | undefined;
  /** Something the agent can do about it in one press ("Undo"); the notice goes once it is pressed. */
  readonly action?: { readonly label: string; readonly hint: string; run(): void } | undefined;
  /** How long it stays; by default as long as its kind does. */
  readonly lifetimeMs?: number | undefined;
}
