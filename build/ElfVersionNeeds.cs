// An MSBuild task (compiled by RoslynCodeTaskFactory, see LibTorch.targets) that marks chosen version requirements of
// ELF64 shared libraries weak. TorchSharp's libLibTorchSharp.so asks for GLIBCXX_3.4.32, which Debian 12's libstdc++
// lacks; the one symbol bound to it is never called, so a weak requirement lets the loader accept the library.
// It is compiled for netstandard2.0, hence the plain byte arithmetic. The .gnu.version_r section is parsed here from the section headers: no external tool is needed on the build machine.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ElfVersionNeeds : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The libraries to patch in place (copies in an output directory, never the package cache).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version names to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string[] Versions { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var marked = MarkWeak(bytes, Versions, out var already);
                if (marked > 0)
                {
                    // Write a new file rather than into the old one: the old may be a hard link into the package cache.
                    var temporary = path + ".weak";
                    File.WriteAllBytes(temporary, bytes);
                    File.Delete(path);
                    File.Move(temporary, path);
                    Log.LogMessage(MessageImportance.Normal, $"{path}: marked {marked} version requirement(s) weak");
                }
                else if (already == 0)
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: requires none of {string.Join(", ", Versions)}");
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"{path}: cannot mark version requirements weak: {ex.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on each Vernaux entry naming one of <paramref name="versions"/>; returns how many changed.</summary>
    public static int MarkWeak(byte[] elf, string[] versions, out int alreadyWeak)
    {
        alreadyWeak = 0;
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }
        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a little-endian ELF64 file");
        }
        var sectionHeaders = (long)U64(elf, 0x28);
        var entrySize = U16(elf, 0x3A);
        var count = U16(elf, 0x3C);
        var changed = 0;
        for (var s = 0; s < count; s++)
        {
            var header = sectionHeaders + (long)s * entrySize;
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            var offset = (long)U64(elf, header + 24);
            var strings = (long)U64(elf, sectionHeaders + (long)U32(elf, header + 40) * entrySize + 24);
            var needs = U32(elf, header + 44);
            var need = offset;
            for (var n = 0; n < needs; n++)
            {
                var auxCount = U16(elf, need + 2);
                var aux = need + U32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = CString(elf, strings + U32(elf, aux + 8));
                    if (Array.IndexOf(versions, name) >= 0)
                    {
                        var flags = U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0)
                        {
                            alreadyWeak++;
                        }
                        else
                        {
                            var weak = (ushort)(flags | VerFlgWeak);
                            elf[aux + 4] = (byte)weak;
                            elf[aux + 5] = (byte)(weak >> 8);
                            changed++;
                        }
                    }
                    aux += U32(elf, aux + 12);
                }
                need += U32(elf, need + 12);
            }
        }
        return changed;
    }

    private static ushort U16(byte[] b, long at) => BitConverter.ToUInt16(b, Checked(b, at, 2));

    private static uint U32(byte[] b, long at) => BitConverter.ToUInt32(b, Checked(b, at, 4));

    private static ulong U64(byte[] b, long at) => BitConverter.ToUInt64(b, Checked(b, at, 8));

    private static int Checked(byte[] b, long at, int size) =>
        at >= 0 && at + size <= b.Length ? (int)at : throw new InvalidDataException($"offset {at} lies outside the file");

    private static string CString(byte[] b, long at)
    {
        var start = Checked(b, at, 1);
        var end = Array.IndexOf(b, (byte)0, start);
        return Encoding.ASCII.GetString(b, start, (end < 0 ? b.Length : end) - start);
    }
}
