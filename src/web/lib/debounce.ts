import { useEffect, useRef, useState } from 'react';

/** The value once it has stopped changing for `ms` (compared as JSON, so a new object with the same content is no change). */
export function useDebounced<T>(value: T, ms: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  // the timer restarts when the content changes (key), not when an equal value is a new object; it settles on the
  // value as it is when it fires
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ key, value: latest.current }), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled.value;
}
