import { html } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { session } from '../core/session.js';
import { NAV, routeNamed } from '../core/router.js';

/** The pages that are not screens: the start page, "not allowed" and "not found". */
export class RcStatusPage extends RcElement {
  static properties = { kind: {}, needs: { type: Array } };

  render() {
    switch (this.kind) {
      case 'not-allowed': return this.#notAllowed();
      case 'not-found': return this.#notFound();
      default: return this.#home();
    }
  }

  #notAllowed() {
    const missing = (this.needs || []).filter((name) => !session.can(name));
    return html`<section data-page="not-allowed">
      <h1 tabindex="-1">Not allowed</h1>
      <div class="banner warn" role="alert">
        <p>Your roles do not allow you to see this page.</p>
        <p>It uses the operation${missing.length > 1 ? 's' : ''} ${missing.map((name) => html`<code>${name}</code> `)}
          which none of your roles (${session.me.roles.join(', ') || 'none'}) allows.
          Ask an administrator if you need it.</p>
      </div>
      <p><a href="/">Go to the start page</a></p>
    </section>`;
  }

  #notFound() {
    return html`<section data-page="not-found">
      <h1 tabindex="-1">Page not found</h1>
      <p>There is no page at <code>${location.pathname}</code>.</p>
      <p><a href="/">Go to the start page</a></p>
    </section>`;
  }

  #home() {
    const screens = NAV.map(routeNamed).filter((route) => session.can(...route.needs));
    return html`<section data-page="home">
      <h1 tabindex="-1">Welcome, ${session.me.firstName}</h1>
      ${screens.length
        ? html`<p>Where to?</p><ul>${screens.map((route) => html`<li><a href=${route.path}>${route.title}</a></li>`)}</ul>`
        : html`<p class="empty">Your roles give you no screens here.</p>`}
    </section>`;
  }
}

customElements.define('rc-status-page', RcStatusPage);
