import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseNvidiaSmiXml } from '../../../src/main/telemetry/nvidia-smi-xml';

// Real `nvidia-smi -q -x` output: two Tesla P100s, driver 375 (Apache Hadoop's test resources).
const xml = readFileSync(resolve('tests/fixtures/nvidia-smi/p100x2-375.66-q-x.xml'), 'utf8');

describe('nvidia-smi -q -x inventory (real capture, two GPUs, driver 375 field names)', () => {
  const inv = parseNvidiaSmiXml(xml);
  it('reads the driver, and no CUDA version where this driver does not report one', () => {
    expect(inv.driverVersion).toBe('375.66');
    expect(inv.cudaVersion).toBeNull();
  });
  it('reads every GPU with its identity, memory, power limits and clocks', () => {
    expect(inv.gpus).toEqual([
      {
        index: 0,
        name: 'Tesla P100-PCIE-12GB',
        uuid: 'GPU-28604e81-21ec-cc48-6759-bf2648b22e16',
        busId: '0000:04:00.0',
        memoryTotalMiB: 11567,
        powerLimitW: 250,
        defaultPowerLimitW: 250,
        maxPowerLimitW: 250,
        smClockMHz: 405,
        memClockMHz: 715,
        processes: [],
      },
      expect.objectContaining({ index: 1, name: 'Tesla P100-PCIE-12GB_2', uuid: 'GPU-46915a82-3fd2-8e11-ae26-a80b607c04f3', memoryTotalMiB: 12290 }),
    ]);
  });
  it('understands newer drivers’ names, processes, and N/A values', () => {
    const newer = `<nvidia_smi_log><driver_version>550.127.05</driver_version><cuda_version>12.4</cuda_version>
      <gpu id="00000000:06:00.0"><product_name>NVIDIA A10</product_name><uuid>GPU-x</uuid><minor_number>0</minor_number>
      <fb_memory_usage><total>23028 MiB</total></fb_memory_usage>
      <gpu_power_readings><power_draw>21.30 W</power_draw><current_power_limit>150.00 W</current_power_limit><default_power_limit>[Not Supported]</default_power_limit><max_power_limit>N/A</max_power_limit></gpu_power_readings>
      <processes><process_info><pid>4242</pid><process_name>python</process_name><used_memory>1024 MiB</used_memory></process_info></processes></gpu></nvidia_smi_log>`;
    const inv2 = parseNvidiaSmiXml(newer);
    expect(inv2.cudaVersion).toBe('12.4');
    expect(inv2.gpus[0]).toMatchObject({ name: 'NVIDIA A10', powerLimitW: 150, defaultPowerLimitW: null, maxPowerLimitW: null, processes: [{ pid: 4242, name: 'python', usedMemoryMiB: 1024 }] });
  });
});
