import { ApiError } from '../api';

/** Shows what went wrong, in the service's own words, with one line per invalid field. */
export function ErrorBanner({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = error as Error;
  const details = e instanceof ApiError ? Object.entries(e.details) : [];
  return (
    <div className="banner error" role="alert">
      <strong>{title ?? 'Error'}{e instanceof ApiError && e.status ? ` (${e.status} ${e.code})` : ''}:</strong>{' '}
      {e.message}
      {details.length > 0 && (
        <ul>
          {details.map(([field, problem]) => (
            <li key={field}>
              <code>{field}</code>: {problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
