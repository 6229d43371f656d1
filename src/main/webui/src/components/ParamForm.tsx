import type { ParameterSpec } from '../types';

export type ParamValues = Record<string, number | boolean | string>;

export function defaults(schema: Record<string, ParameterSpec>): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(schema)) out[name] = spec.default as number | boolean | string;
  return out;
}

/** Problems the service would also report, shown before sending: type, whole numbers and bounds. */
export function validateParams(schema: Record<string, ParameterSpec>, values: ParamValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const v = values[name];
    if (spec.type !== 'integer' && spec.type !== 'number') continue;
    if (typeof v !== 'number' || Number.isNaN(v)) problems[name] = 'a number is needed';
    else if (spec.type === 'integer' && !Number.isInteger(v)) problems[name] = 'must be a whole number';
    else if (spec.min != null && v < spec.min) problems[name] = `must be at least ${spec.min}`;
    else if (spec.max != null && v > spec.max) problems[name] = `must be at most ${spec.max}`;
  }
  return problems;
}

/** A form for a strategy type's parameters, generated from the schema the service publishes. */
export function ParamForm({ schema, values, onChange, errors = {}, idPrefix = 'param' }: {
  schema: Record<string, ParameterSpec>;
  values: ParamValues;
  onChange: (values: ParamValues) => void;
  errors?: Record<string, string>;
  idPrefix?: string;
}) {
  const entries = Object.entries(schema);
  if (entries.length === 0) return <p className="muted">This strategy has no parameters.</p>;
  return (
    <div className="param-grid">
      {entries.map(([name, spec]) => {
        const id = `${idPrefix}-${name}`;
        const error = errors[name];
        const hint = `${id}-hint`;
        if (spec.type === 'boolean') {
          return (
            <div className="field checkbox" key={name}>
              <input id={id} type="checkbox" checked={Boolean(values[name])} aria-describedby={hint}
                onChange={(e) => onChange({ ...values, [name]: e.target.checked })} />
              <label htmlFor={id}>{name}</label>
              <small id={hint}>{spec.description}</small>
            </div>
          );
        }
        const numeric = spec.type === 'integer' || spec.type === 'number';
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>{name}</label>
            <input id={id} name={name} type={numeric ? 'number' : 'text'}
              step={spec.type === 'integer' ? 1 : 'any'}
              min={spec.min ?? undefined} max={spec.max ?? undefined}
              value={values[name] === undefined || (typeof values[name] === 'number' && Number.isNaN(values[name]))
                ? '' : String(values[name])}
              aria-invalid={error ? true : undefined}
              aria-describedby={hint}
              onChange={(e) => onChange({ ...values, [name]: numeric ? e.target.valueAsNumber : e.target.value })} />
            <small id={hint} className={error ? 'field-error' : undefined}>
              {error ?? `${spec.description}${spec.min != null ? ` (${spec.min}–${spec.max})` : ''}`}
            </small>
          </div>
        );
      })}
    </div>
  );
}
