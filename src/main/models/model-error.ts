/** A model that cannot be opened, with a message fit for the user. */
export class ModelError extends Error {}
