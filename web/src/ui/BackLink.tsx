import { onLinkClick } from './navigation.ts';

/** The "← back" link at the top of a detail page, followed without a reload. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <a className="back-link" href={href} onClick={onLinkClick}>
      <span aria-hidden="true">← </span>
      {label}
    </a>
  );
}
