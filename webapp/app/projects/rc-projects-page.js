import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson, send } from '../core/api.js';
import { session } from '../core/session.js';
import { navigate } from '../core/router.js';

/** The account's projects: each links to its page; those who may edit projects add one here. */
export class RcProjectsPage extends RcElement {
  static properties = { projects: { state: true }, error: { state: true }, formError: { state: true },
    busy: { state: true } };

  static styles = [RcElement.styles, css`
    ul.projects { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
    ul.projects li { border: 1px solid var(--rc-border); border-radius: 8px; padding: 0.6rem 0.8rem; }
    ul.projects a { font-weight: 600; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; max-width: 40rem; }
    form label { flex: 1 1 14rem; }
    input { width: 100%; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.#load();
  }

  render() {
    return html`<h1 tabindex="-1">Projects</h1>
      ${this.problemBanner(this.error)}
      ${session.can('createProject') ? this.#form() : ''}
      ${this.projects ? this.#list() : this.error ? '' : this.waiting('the projects')}`;
  }

  #list() {
    if (!this.projects.length) return html`<p class="empty">The account has no projects yet.</p>`;
    return html`<ul class="projects" data-list="projects">${this.projects.map((project) => html`<li>
      <a href="/projects/${project.id}">${project.name}</a>
      ${project.description ? html`<p class="muted">${project.description}</p>` : ''}
    </li>`)}</ul>`;
  }

  #form() {
    return html`<form @submit=${this.#create} aria-label="New project">
      <label>New project's name
        <input name="name" required maxlength="200" autocomplete="off"></label>
      <button type="submit" ?disabled=${this.busy}>Add project</button>
    </form>
    ${this.problemBanner(this.formError)}`;
  }

  async #create(event) {
    event.preventDefault();
    const name = event.target.name.value.trim();
    this.busy = true;
    this.formError = null;
    try {
      const project = await send('POST', '/api/projects', { name }, { quiet: true });
      navigate(`/projects/${project.id}`);
    } catch (error) {
      this.formError = error;
    } finally {
      this.busy = false;
    }
  }

  async #load() {
    try {
      this.projects = await getJson('/api/projects');
    } catch (error) {
      this.error = error;
    }
  }
}

customElements.define('rc-projects-page', RcProjectsPage);
