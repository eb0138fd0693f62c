// Scenario and checkpoint files into the page: dropped anywhere on it, or picked with a file
// input. A checkpoint is known by its name (.ckpt) or its first bytes; anything else is read as
// scenario text.
import { CHECKPOINT_MAGIC } from '../io/checkpoint-file.ts';

export interface FileHandlers {
  scenario(text: string, name: string): void;
  checkpoint(bytes: Uint8Array, name: string): void;
}

export function acceptScenarioFiles(target: HTMLElement, input: HTMLInputElement, on: FileHandlers): void {
  const read = (file: File | undefined) => {
    if (file) void file.arrayBuffer().then((buffer) => dispatch(new Uint8Array(buffer), file.name, on));
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

function dispatch(bytes: Uint8Array, name: string, on: FileHandlers): void {
  const head = new TextDecoder().decode(bytes.subarray(0, CHECKPOINT_MAGIC.length));
  if (name.toLowerCase().endsWith('.ckpt') || head === CHECKPOINT_MAGIC) on.checkpoint(bytes, name);
  else on.scenario(new TextDecoder().decode(bytes), name);
}
