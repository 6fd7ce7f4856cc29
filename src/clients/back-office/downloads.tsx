import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError, ok } from '../shared/api';

/** An answer of the typed client read with `parseAs: 'blob'`: a file the API made (CSV, PDF, ZIP). */
type FileAnswer = Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The name the API gives its file (Content-Disposition), else the one the screen chose. */
function fileNameOf(response: Response, fallback: string): string {
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return named?.[1] ?? fallback;
}

/**
 * Saves a file the API answers as the browser saves a download. It is read through the session (whose token
 * a plain link could not carry), then handed to the browser as an object URL.
 */
export async function saveFile(answer: FileAnswer, fallbackName: string): Promise<void> {
  const { response } = await answer;
  const blob = (await ok(answer)) as Blob;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(response, fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled: the URL is released after it.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/** A button that downloads one file, and says why when the API refuses it. */
export function DownloadButton({
  label,
  fileName,
  read,
}: {
  label: string;
  fileName: string;
  read: () => FileAnswer;
}) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    setProblem('');
    saveFile(read(), fileName).then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        const message = error instanceof ApiError ? error.message : t('backOffice.signIn.noConnection');
        setProblem(t('backOffice.reportsScreens.downloads.refused', { problem: message }));
      },
    );
  };
  return (
    <span class="download">
      <button type="button" onClick={download} disabled={busy}>
        {label}
      </button>
      {problem && (
        <span class="problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}

/** A report's downloads: its rows as CSV to work with, and as a PDF to print; `<fileName>.csv` and `.pdf`. */
export function ReportDownloads({
  fileName,
  read,
}: {
  fileName: string;
  read: (format: 'csv' | 'pdf') => FileAnswer;
}) {
  return (
    <>
      {(['csv', 'pdf'] as const).map((format) => (
        <DownloadButton
          key={format}
          label={t(`backOffice.reportsScreens.reports.${format}`)}
          fileName={`${fileName}.${format}`}
          read={() => read(format)}
        />
      ))}
    </>
  );
}
