import { getJson, request } from './api.js';

/**
 * Who is logged in (GET /api/me) and what they may do. Elements read it; it announces a change with
 * a 'change' event. A message for the next page (a "flash") also lives here.
 */
class Session extends EventTarget {
  me = null;
  loaded = false;
  ended = false;
  #flash = null;

  async load() {
    try {
      this.me = await getJson('/api/me', { quiet: true });
    } catch (error) {
      if (error.status !== 401) throw error;
      this.me = null;
    }
    this.loaded = true;
    this.#changed();
    return this.me;
  }

  async login(login, password) {
    await request('POST', '/api/auth/login', { body: { login, password, session: true }, quiet: true });
    this.ended = false;
    return this.load();
  }

  async logout() {
    try {
      await request('POST', '/api/auth/logout', { quiet: true });
    } finally {
      this.me = null;
      this.#changed();
    }
  }

  /** The session ended under our feet (expired, revoked, user deactivated). */
  end() {
    if (!this.me) return;
    this.me = null;
    this.ended = true;
    this.#changed();
  }

  /**
   * Whether the user may call every one of these operations now, as the service decided them
   * (GET /api/me's `operations`): the app keeps no list of its own of what each screen needs.
   */
  can(...operationIds) {
    return !!this.me && operationIds.every((id) => this.me.operations.includes(id));
  }

  get mustChangePassword() {
    return !!this.me?.passwordChangeRequired;
  }

  flash(message) {
    this.#flash = message;
  }

  takeFlash() {
    const message = this.#flash;
    this.#flash = null;
    return message;
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}

export const session = new Session();
