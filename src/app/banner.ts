// One message line above the view: errors stay until dismissed or replaced, notes fade.
export class Banner {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly element: HTMLElement) {
    element.addEventListener('click', () => this.clear());
  }

  error(message: string): void {
    this.show(message, 'error');
  }

  note(message: string, seconds = 6): void {
    this.show(message, 'note');
    this.timer = setTimeout(() => this.clear(), seconds * 1000);
  }

  private show(message: string, kind: 'error' | 'note'): void {
    clearTimeout(this.timer);
    this.element.textContent = message;
    this.element.dataset.kind = kind;
    this.element.hidden = false;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.element.hidden = true;
    this.element.textContent = '';
    delete this.element.dataset.kind;
  }
}
