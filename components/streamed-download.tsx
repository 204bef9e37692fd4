'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState, type MouseEvent } from 'react';
import { buttonClass } from '@/components/ui/button';

type Progress =
  | { state: 'idle' }
  | { state: 'running'; rows: number; total: number | null }
  | { state: 'finished'; rows: number }
  | { state: 'cancelled' }
  | { state: 'failed'; status: number | null };

const LINE_FEED = 10;
// How often the count on screen changes while rows arrive.
const REPAINT_MS = 100;

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

function reasonKey(status: number): 'unauthorized' | 'forbidden' | 'invalid' | 'internal' {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 422) return 'invalid';
  return 'internal';
}

function save(chunks: Uint8Array<ArrayBuffer>[], type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL only holds its memory.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A link that downloads a CSV file: without JavaScript a plain `download` link; with it, the file
 * is fetched as a stream so the rows so far (against the server's `X-Total-Rows`) show while it
 * arrives, the download can be cancelled, and the file is saved under the server's name.
 */
export function StreamedDownload({ href, label, title }: { href: string; label: string; title?: string }) {
  const t = useTranslations('common');
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (abort.current) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ state: 'running', rows: 0, total: null });
    try {
      const response = await fetch(href, { signal: controller.signal, credentials: 'same-origin' });
      if (!response.ok || !response.body) {
        setProgress({ state: 'failed', status: response.status });
        return;
      }
      const header = response.headers.get('x-total-rows');
      const total = header && /^\d+$/.test(header) ? Number(header) : null;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let lines = 0;
      let painted = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        for (let i = 0; i < value.length; i++) if (value[i] === LINE_FEED) lines++;
        if (performance.now() - painted >= REPAINT_MS) {
          painted = performance.now();
          const rows = Math.max(0, lines - 1);
          setProgress({ state: 'running', rows: total === null ? rows : Math.min(rows, total), total });
        }
      }
      const rows = total ?? Math.max(0, lines - 1);
      save(chunks, response.headers.get('content-type') ?? 'text/csv', fileNameOf(response, 'export.csv'));
      setProgress({ state: 'finished', rows });
    } catch {
      setProgress(controller.signal.aborted ? { state: 'cancelled' } : { state: 'failed', status: null });
    } finally {
      abort.current = null;
    }
  }

  return (
    <div className="flex w-full flex-col gap-2 sm:w-auto sm:items-end">
      <a href={href} download className={buttonClass('secondary')} title={title} onClick={download} aria-disabled={progress.state === 'running'}>
        {label}
      </a>
      {progress.state === 'running' && (
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-72">
          {progress.total !== null && progress.total > 0 ? (
            <progress className="h-2 min-w-0 flex-1 accent-emerald-700" max={progress.total} value={progress.rows} aria-label={label} />
          ) : (
            <progress className="h-2 min-w-0 flex-1 accent-emerald-700" aria-label={label} />
          )}
          <button type="button" className={buttonClass('ghost', 'sm')} onClick={() => abort.current?.abort()}>
            {t('download.cancel')}
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" data-testid="download-status" className="text-sm text-slate-700 sm:text-right dark:text-slate-300">
        {progress.state === 'running' &&
          (progress.total === null
            ? progress.rows === 0
              ? t('download.preparing')
              : t('download.progressRows', { rows: progress.rows })
            : t('download.progress', {
                rows: progress.rows,
                total: progress.total,
                percent: progress.total === 0 ? 1 : progress.rows / progress.total,
              }))}
        {progress.state === 'finished' && t('download.finished', { rows: progress.rows })}
        {progress.state === 'cancelled' && t('download.cancelled')}
        {progress.state === 'failed' &&
          (progress.status === null ? t('download.interrupted') : t('download.failed', { reason: t(`errors.${reasonKey(progress.status)}`) }))}
      </p>
    </div>
  );
}
