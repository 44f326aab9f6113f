// Pure logic of the session form: client-side validation mirroring AWS's StartConfigurationSession limits, and
// matching typed identifiers to listed resources for the pickers. Imported by SessionForm.tsx and its tests.
import type { ResourceItem, StartSessionParams } from '../../../protocol/messages.js';

export interface SessionFormValues {
  application: string;
  environment: string;
  profile: string;
  /** Free text; empty means "let AWS apply its default". */
  interval: string;
}

export type SessionFormField = keyof SessionFormValues;

export type SessionFormErrors = Partial<Record<SessionFormField, string>>;

export const EMPTY_FORM: SessionFormValues = {
  application: '',
  environment: '',
  profile: '',
  interval: '',
};

/** AWS model: identifiers are 1–128 characters; RequiredMinimumPollIntervalInSeconds is 15–86400. */
export const IDENTIFIER_MAX = 128;
export const INTERVAL_MIN = 15;
export const INTERVAL_MAX = 86_400;

const FIELD_NAMES: Record<Exclude<SessionFormField, 'interval'>, string> = {
  application: 'Application',
  environment: 'Environment',
  profile: 'Configuration profile',
};

function identifierError(field: keyof typeof FIELD_NAMES, value: string): string | undefined {
  const name = FIELD_NAMES[field];
  if (value.length === 0) return `${name} is required.`;
  if (value.length > IDENTIFIER_MAX) {
    return `${name} must be at most ${IDENTIFIER_MAX} characters (AWS limit); it has ${value.length}.`;
  }
  return undefined;
}

function intervalError(text: string): string | undefined {
  if (text === '') return undefined;
  if (!/^\d+$/.test(text)) return 'Minimum poll interval must be a whole number of seconds.';
  const seconds = Number(text);
  if (seconds < INTERVAL_MIN || seconds > INTERVAL_MAX) {
    return `Minimum poll interval must be between ${INTERVAL_MIN} and ${INTERVAL_MAX} seconds (AWS limit).`;
  }
  return undefined;
}

/**
 * Checks the form the way AWS would, so a typo is caught before a round trip. Surrounding whitespace is
 * trimmed: AWS would otherwise look up a resource whose name really has those spaces and answer 404.
 */
export function validateSessionForm(values: SessionFormValues): {
  params?: StartSessionParams;
  errors: SessionFormErrors;
} {
  const application = values.application.trim();
  const environment = values.environment.trim();
  const profile = values.profile.trim();
  const interval = values.interval.trim();
  const errors: SessionFormErrors = {};
  const set = (field: SessionFormField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  set('application', identifierError('application', application));
  set('environment', identifierError('environment', environment));
  set('profile', identifierError('profile', profile));
  set('interval', intervalError(interval));
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    params: {
      applicationIdentifier: application,
      environmentIdentifier: environment,
      configurationProfileIdentifier: profile,
      ...(interval ? { requiredMinimumPollIntervalInSeconds: Number(interval) } : {}),
    },
  };
}

/** AWS accepts a name or an id for every identifier, so the pickers match either. */
export function matchResource(
  items: readonly ResourceItem[] | undefined,
  typed: string,
): ResourceItem | undefined {
  const value = typed.trim();
  if (!value || !items) return undefined;
  return items.find((item) => item.id === value) ?? items.find((item) => item.name === value);
}
