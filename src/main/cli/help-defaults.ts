/**
 * How `--help` describes an option: commander's words, less a default that is an empty record or
 * list. A repeatable option (`--env`, `--dim`, `--target`) starts from {} or [] so its values
 * collect, and commander printed that as "(default: {})", which reads as a value to pass. Such an
 * option has no default to state; one that has (convert --dim) states it with a description.
 */
import { Help, type Option } from 'commander';

function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
}

export function optionDescription(this: Help, option: Option): string {
  if (option.defaultValueDescription === undefined && isEmptyCollection(option.defaultValue)) {
    // The same option without its default, for commander's own wording of the rest (choices, env, …).
    const shown = Object.assign(Object.create(Object.getPrototypeOf(option) as object) as Option, option, { defaultValue: undefined });
    return Help.prototype.optionDescription.call(this, shown);
  }
  return Help.prototype.optionDescription.call(this, option);
}
