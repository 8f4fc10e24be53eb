import { option } from '@spinel/sdk';

export const options = {
  path: option.string('spinel-archive.log', 'File the lines are appended to (relative to the working directory).'),
  rollover_when: option.enum(['midnight', 'never'], 'midnight', 'Start a new file at local midnight (Diamond) or never by time.'),
  max_bytes: option.number(0, 'Also start a new file once this many bytes are written; 0 disables size rotation.', { min: 0, integer: true }),
  file_mode: option.fileMode('0600', "Permissions of the archive files, whatever the umask (octal; '0640' lets the group read them)."),
  days: option.number(7, "Rotated files kept (Diamond's name); older ones are deleted.", { min: 0, integer: true }),
};
