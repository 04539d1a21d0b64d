// Search as you type without a request per keystroke: the value settles for `delay` ms first.
import { useEffect, useState } from "react";

/** `value` once it has not changed for `delay` ms (the first value at once). */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Search words worth sending: trimmed, at least `min` characters, else "". */
export function searchTerms(text: string, min = 3): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return trimmed.length >= min ? trimmed : "";
}
