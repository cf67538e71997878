/** A mistake the user can fix: printed as a short message without a stack (workers-sdk's style). */
export class UserError extends Error {
  override name = "UserError";
}
