import type { ReactNode } from 'react';

/** An error shown where it happened, with what the user can do about it. */
export function ErrorMessage({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="error-message" role="alert" data-testid="error-message">
      <strong>{title}</strong>
      {children && <p>{children}</p>}
      {actions && <div className="error-actions">{actions}</div>}
    </div>
  );
}
