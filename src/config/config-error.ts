/** A configuration the service cannot start with: its message names every bad variable. */
export class ConfigError extends Error {}
