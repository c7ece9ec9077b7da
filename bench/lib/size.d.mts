/** One entry of a size-limit config, as measured. */
export interface MeasuredSize {
  readonly name: string;
  /** Gzipped bytes of the minified browser ESM bundle. */
  readonly size?: number;
  /** The budget in bytes, when the entry has one. */
  readonly sizeLimit?: number;
  readonly passed?: boolean;
  /** Why the entry could not be measured. */
  readonly error?: string;
}
export const BUDGETS_CONFIG: string;
export const COMPARISON_CONFIG: string;
export function measureSizes(configPath?: string): Promise<MeasuredSize[]>;
