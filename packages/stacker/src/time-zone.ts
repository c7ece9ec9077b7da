import { ConfigurationError, validateHeaderValue } from "@keyway/runtime";

/**
 * Refuses a time zone that is no IANA name: Stacker would render the records' datetimes in UTC, or fail the call, far
 * from the option that was wrong. A value no header can carry (not a string, empty, a line break) is left to the
 * header rules, which refuse it where it is sent, naming its header.
 */
export function checkTimeZone(timeZone: unknown, where: string): void {
  let name: string;
  try {
    name = validateHeaderValue("X-Timezone", timeZone);
  } catch {
    return;
  }
  if (isTimeZoneName(name)) return;
  throw new ConfigurationError(
    `${where}: timezone is not an IANA time zone name (such as "America/Los_Angeles" or "UTC"); the value is not shown, in case it is a secret given to the wrong option`,
  );
}

/** Whether the runtime knows `name` as a zone; an offset (`"+05:30"`), which newer runtimes accept, is no IANA name. */
function isTimeZoneName(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  if (typeof Intl === "undefined") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
