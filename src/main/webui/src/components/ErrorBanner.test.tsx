import { render, screen } from '@testing-library/react';
import { ApiError } from '../api';
import { ErrorBanner } from './ErrorBanner';

describe('ApiError.from', () => {
  it('reads the service\'s error body', async () => {
    const body = { error: { code: 'VALIDATION_ERROR', message: 'Request validation failed: symbols',
      details: { symbols: 'must be BASE/QUOTE' } }, status_code: 422, path: '/api/v1/runs' };
    const e = await ApiError.from(new Response(JSON.stringify(body), { status: 422 }));
    expect(e.status).toBe(422);
    expect(e.code).toBe('VALIDATION_ERROR');
    expect(e.details).toEqual({ symbols: 'must be BASE/QUOTE' });
  });

  it('still says something useful when the body is not the error body', async () => {
    const e = await ApiError.from(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(e.status).toBe(502);
    expect(e.message).toBe('The service answered 502 Bad Gateway');
  });
});

describe('ErrorBanner', () => {
  it('shows the message, status, code and one line per field as an alert', () => {
    render(<ErrorBanner error={new ApiError(422, 'VALIDATION_ERROR', 'Request validation failed', { cash: 'must be positive' })} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('(422 VALIDATION_ERROR)');
    expect(alert.textContent).toContain('Request validation failed');
    expect(alert.textContent).toContain('cash: must be positive');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ErrorBanner error={undefined} />);
    expect(container.textContent).toBe('');
  });
});
