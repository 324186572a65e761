import { useEffect, useRef, type MutableRefObject, type RefObject } from 'react';

/**
 * After a refused submit, the first field with an error takes the focus, scrolled into view.
 * The form sets `focusError.current = true` when it sets errors that should take the focus;
 * the next render with those errors moves it once.
 */
export function useFocusFirstError(errors: unknown): { formRef: RefObject<HTMLFormElement | null>; focusError: MutableRefObject<boolean> } {
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }, [errors]);
  return { formRef, focusError };
}
