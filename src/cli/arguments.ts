// Flag values shared by the subcommands, parsed once and refused with one line each.
import { InvalidArgumentError } from 'commander';

/** A parser for a plain decimal whole number in [min, max] (no sign, exponent or spaces). */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  return (value) => {
    if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new InvalidArgumentError(`expected a whole number ${range}.`);
    return Number(value);
  };
}

export const port = wholeNumber(0, 65535);
