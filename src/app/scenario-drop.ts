// Scenario files into the page: dropped anywhere on it, or picked with a file input.
export function acceptScenarioFiles(target: HTMLElement, input: HTMLInputElement, load: (text: string, name: string) => void): void {
  const read = (file: File | undefined) => {
    if (file) void file.text().then((text) => load(text, file.name));
  };
  target.addEventListener('dragover', (e) => {
    e.preventDefault();
    target.classList.add('dragging');
  });
  target.addEventListener('dragleave', () => target.classList.remove('dragging'));
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    target.classList.remove('dragging');
    read(e.dataTransfer?.files[0]);
  });
  input.addEventListener('change', () => {
    read(input.files?.[0]);
    input.value = '';
  });
}
