/**
 * A working-time configuration that makes no sense (bad hours, unknown time zone, a malformed override).
 * `field` names the offending setting; the reason comes in English (`messageEn`) and zh-CN (`messageZh`)
 * so the caller can show it as it is (the store layer turns it into a ValidationError). `message` is
 * `field: messageEn`, for logs.
 */
export class WorkingTimeConfigError extends Error {
  override readonly name = 'WorkingTimeConfigError';

  constructor(
    readonly field: string,
    readonly messageEn: string,
    readonly messageZh: string,
  ) {
    super(`${field}: ${messageEn}`);
  }
}
