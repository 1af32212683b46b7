'use client';

import { Alert, AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Variant = 'success' | 'danger' | 'warning' | 'info' | 'custom';
interface Toast {
  id: number;
  variant: Variant;
  title: string;
  body?: string;
}

const ToastContext = createContext<(t: Omit<Toast, 'id'>) => void>(() => {});

/** Toasts (PatternFly's toast AlertGroup). `useToast()` returns a function that shows one. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const remove = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const add = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = Date.now() + Math.random();
      setToasts((ts) => [...ts.slice(-4), { ...t, id }]);
      if (t.variant !== 'danger') setTimeout(() => remove(id), 8000);
    },
    [remove],
  );
  const value = useMemo(() => add, [add]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <AlertGroup isToast isLiveRegion>
        {toasts.map((t) => (
          <Alert
            key={t.id}
            variant={t.variant}
            title={t.title}
            actionClose={<AlertActionCloseButton title={t.title} onClose={() => remove(t.id)} />}
          >
            {t.body}
          </Alert>
        ))}
      </AlertGroup>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
