/** A clip id unique within a project: short, and readable in saved documents. */
export function newClipId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
