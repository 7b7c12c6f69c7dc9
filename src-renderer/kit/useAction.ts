import { useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../api/client.js';

/** A button's work run once at a time; a refused call's Spanish message is kept to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // A ref, not the state: a double tap starts before React re-renders the disabled button.
  const running = useRef(false);
  const run = async (work: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  /** A <form>'s onSubmit that runs `work` as above. */
  const submit = (work: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    void run(work);
  };
  return { run, submit, busy, error, fail: setError };
}
