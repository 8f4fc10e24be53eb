import { option } from '@spinel/sdk';

const flag = option.boolean(false, '');
const names = option.stringMap('');

export const options = {
  devices: option.regex(
    '^disk[0-9]$|^sd[a-z]$|^hd[a-z]$',
    'Disks to read, matched against the names under /sys/block (`sda`, `nvme0n1`), each read as /dev/<name>.',
  ),
  bin: option.string('smartctl', 'The smartctl binary (a bare name is looked up on PATH).'),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd (smartctl needs to open the disk).'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  attributes: option.mapping<boolean>(
    {},
    'Attributes to publish, by lower-case name (`temperature_celsius`) or, for one smartctl calls Unknown_Attribute, by its ID (`172`): `true` publishes it.',
    'mapping of attribute names to booleans',
    (raw) => flag.parse(raw),
  ),
  aliases: option.mapping<Record<string, string>>(
    {},
    'Per disk, names to publish attributes under instead (`sda: { udma_crc_error_count: udma_crc_errs }`).',
    'mapping of disks to attribute aliases',
    (raw) => names.parse(raw),
  ),
  valtypes: option.enumList(
    ['value', 'worst', 'thresh', 'raw_val'],
    ['value', 'worst', 'thresh', 'raw_val'],
    "Which of each attribute's columns to publish: the normalised VALUE, WORST and THRESH, and RAW_VALUE.",
  ),
  force_prefails: option.boolean(false, 'Also publish every Pre-fail attribute, listed in `attributes` or not.'),
  command_timeout: option.number(10, "Seconds one disk's smartctl may take (a sleeping disk can take seconds to answer).", { min: 0.1 }),
};
