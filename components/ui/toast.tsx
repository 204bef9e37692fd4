'use client';

import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Tone = 'success' | 'error' | 'info';
/** A button in the toast that acts on what the toast reports, such as "Undo". */
export interface ToastAction {
  label: string;
  onClick: () => void;
}
interface Toast {
  id: number;
  tone: Tone;
  text: string;
  action?: ToastAction;
}

type Show = (text: string, tone?: Tone, action?: ToastAction) => void;

const ToastContext = createContext<Show>(() => {});

/** Results of actions, announced to screen readers, gone after a few seconds (longer when they offer an action). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback<Show>(
    (text, tone = 'success', action) => {
      const id = Date.now() + Math.random();
      setToasts((list) => [...list, { id, tone, text, action }]);
      setTimeout(() => dismiss(id), action ? 15_000 : tone === 'error' ? 8000 : 4000);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      {/* From md up the toasts sit over the menu's empty lower part, not over the buttons of the page. */}
      <div
        aria-live="polite"
        role="status"
        className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col gap-2 md:inset-x-auto md:left-3 md:w-54"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            data-tone={toast.tone}
            className={`pointer-events-auto flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md px-4 py-3 text-sm text-white shadow-lg ${
              toast.tone === 'error' ? 'bg-red-700' : toast.tone === 'info' ? 'bg-slate-800' : 'bg-emerald-700'
            }`}
          >
            <span>{toast.text}</span>
            {toast.action && (
              <button
                type="button"
                className="rounded border border-white/70 px-2 py-0.5 font-medium underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
                onClick={() => {
                  dismiss(toast.id);
                  toast.action!.onClick();
                }}
              >
                {toast.action.label}
              </button>
            )}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
