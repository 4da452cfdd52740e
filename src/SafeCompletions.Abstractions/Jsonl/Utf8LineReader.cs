using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace SafeCompletions.Jsonl;

/// <summary>
/// Splits a stream into lines at the byte level and decodes each line strictly as UTF-8, so a line holding bytes that
/// are not UTF-8 is reported as that line (a decoding reader fails somewhere in a 64 KiB block, and a lenient one
/// silently turns the bytes into U+FFFD). One line at a time: memory stays flat whatever the file size.
/// </summary>
internal static class Utf8LineReader
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Every line of <paramref name="stream"/> (1-based numbers, the terminator and a trailing CR removed): its text, or why it has none.</summary>
    public static async IAsyncEnumerable<(int Number, string? Text, string? Problem)> ReadAsync(
        Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        var number = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = Decode(buffer.Slice(0, end), ++number);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    yield return line;
                }
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        yield return Decode(buffer, ++number);
                    }
                    break;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static (int, string?, string?) Decode(ReadOnlySequence<byte> sequence, int number)
    {
        ReadOnlySpan<byte> bytes = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        if (number == 1 && bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }
        if (bytes.EndsWith((byte)'\r'))
        {
            bytes = bytes[..^1];
        }
        return Utf8.IsValid(bytes)
            ? (number, Encoding.UTF8.GetString(bytes), null)
            : (number, null, Invalid(bytes, number));
    }

    private static string Invalid(ReadOnlySpan<byte> bytes, int number)
    {
        if (number == 1 && (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])))
        {
            return "not valid UTF-8: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8";
        }
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return $"not valid UTF-8 (byte 0x{bytes[offset]:X2} at byte {offset + 1} of the line); save the file as UTF-8";
    }
}
