import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { ParameterSpec } from '../types';
import { defaults, ParamForm, validateParams, type ParamValues } from './ParamForm';

const SCHEMA: Record<string, ParameterSpec> = {
  fast_period: { type: 'integer', default: 10, min: 1, max: 1000, description: 'Bars in the fast average' },
  threshold: { type: 'number', default: 0, min: 0, max: 0.5, description: 'Gap' },
  printlog: { type: 'boolean', default: false, min: null, max: null, description: 'Log fills' },
};

function Harness({ onValues }: { onValues: (v: ParamValues) => void }) {
  const [values, setValues] = useState(defaults(SCHEMA));
  return <ParamForm schema={SCHEMA} values={values} errors={validateParams(SCHEMA, values)}
    onChange={(v) => { setValues(v); onValues(v); }} />;
}

describe('ParamForm', () => {
  it('builds one labelled field per parameter with its default and bounds', () => {
    render(<Harness onValues={() => undefined} />);
    const fast = screen.getByLabelText('fast_period') as HTMLInputElement;
    expect(fast.value).toBe('10');
    expect(fast.min).toBe('1');
    expect(fast.max).toBe('1000');
    expect((screen.getByLabelText('printlog') as HTMLInputElement).checked).toBe(false);
  });

  it('reports numbers as numbers and flags values out of range', () => {
    let last: ParamValues = {};
    render(<Harness onValues={(v) => { last = v; }} />);
    fireEvent.change(screen.getByLabelText('fast_period'), { target: { value: '2000' } });
    expect(last.fast_period).toBe(2000);
    expect(screen.getByText('must be at most 1000')).toBeTruthy();
    expect(screen.getByLabelText('fast_period').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByLabelText('printlog'));
    expect(last.printlog).toBe(true);
  });

  it('validates whole numbers and bounds as the service does', () => {
    expect(validateParams(SCHEMA, { fast_period: 2.5, threshold: 0.1 })).toEqual({ fast_period: 'must be a whole number' });
    expect(validateParams(SCHEMA, { fast_period: 5, threshold: 0.6 })).toEqual({ threshold: 'must be at most 0.5' });
    expect(validateParams(SCHEMA, { fast_period: Number.NaN, threshold: 0 })).toEqual({ fast_period: 'a number is needed' });
  });
});
