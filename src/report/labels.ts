// Names and units for the report, read from the tables that own them: parameters from
// PARAM_BY_KEY, readouts from the metrics columns. A name neither table knows (an assay's own
// readout, a parameter added since) is shown as written, without a unit.
import { isParamKey, PARAM_BY_KEY } from '../model/params.ts';
import { metricsColumns } from '../sim/cell-readouts.ts';
import { formatNumber } from '../io/number-format.ts';

const METRIC_UNITS = new Map(metricsColumns().map((c) => [c.name, c.unit]));

/** The unit as the tables write it ('1' for a dimensionless quantity, '' when unknown). */
export function parameterUnit(key: string): string {
  return isParamKey(key) ? PARAM_BY_KEY[key].unit : '';
}

/** The parameter's label without its parenthesised remark: "Tumour stiffness", not "… (with its stroma)". */
export function parameterLabel(key: string): string {
  return isParamKey(key) ? PARAM_BY_KEY[key].label.replace(/\s*\(.*\)\s*$/, '') : key;
}

export function readoutUnit(name: string): string {
  return METRIC_UNITS.get(name) ?? '';
}

/** A readout's name for people: "lung metastases". */
export function readoutLabel(name: string): string {
  return name.replace(/_/g, ' ');
}

/** A title's first letter in capitals: "Lung metastases against …". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "label (unit)" for an axis, the unit left out when dimensionless or unknown. */
export function withUnit(label: string, unit: string): string {
  return unit === '' || unit === '1' ? label : `${label} (${unit})`;
}

/** "200 nM", "0.5": a value with its unit, for legends, arm names and tables. */
export function formatWithUnit(value: number, unit: string): string {
  return unit === '' || unit === '1' ? formatNumber(value, 4) : `${formatNumber(value, 4)} ${unit}`;
}

/** "SMAC mimetic plasma peak 200 nM". */
export function parameterSetting(key: string, value: number): string {
  return `${parameterLabel(key)} ${formatWithUnit(value, parameterUnit(key))}`;
}

/** A run group's name: the plan's arm name, if any, then the value of every factor. */
export function armLabel(arm: string | null, values: Record<string, number>, factorKeys: readonly string[]): string {
  const parts = [...(arm === null ? [] : [arm]), ...factorKeys.map((k) => parameterSetting(k, values[k]!))];
  return parts.length > 0 ? parts.join(' · ') : 'all runs';
}
