using System.Numerics;

namespace ManifestGen.Charts;

/// <summary>A set of release indices of one chart (a bit per release): which releases a path holds for.</summary>
public sealed class ReleaseSet
{
    private ulong[] bits;

    public ReleaseSet(int capacity = 128) => bits = new ulong[Math.Max(1, (capacity + 63) / 64)];

    private ReleaseSet(ulong[] bits) => this.bits = bits;

    public static ReleaseSet All(int count)
    {
        var set = new ReleaseSet(count);
        for (var i = 0; i < count; i++) set.Add(i);
        return set;
    }

    public void Add(int index)
    {
        if (index / 64 >= bits.Length) Array.Resize(ref bits, index / 64 + 1);
        bits[index / 64] |= 1UL << (index % 64);
    }

    public bool Contains(int index) => index >= 0 && index / 64 < bits.Length && (bits[index / 64] & (1UL << (index % 64))) != 0;

    public bool IsEmpty => bits.All(b => b == 0);

    public ReleaseSet Intersect(ReleaseSet other)
    {
        var result = new ulong[Math.Min(bits.Length, other.bits.Length)];
        for (var i = 0; i < result.Length; i++) result[i] = bits[i] & other.bits[i];
        return new ReleaseSet(result);
    }

    public ReleaseSet Union(ReleaseSet other)
    {
        var result = new ulong[Math.Max(bits.Length, other.bits.Length)];
        for (var i = 0; i < result.Length; i++)
            result[i] = (i < bits.Length ? bits[i] : 0) | (i < other.bits.Length ? other.bits[i] : 0);
        return new ReleaseSet(result);
    }

    public ReleaseSet Except(ReleaseSet other)
    {
        var result = (ulong[])bits.Clone();
        for (var i = 0; i < Math.Min(result.Length, other.bits.Length); i++) result[i] &= ~other.bits[i];
        return new ReleaseSet(result);
    }

    public IEnumerable<int> Indices()
    {
        for (var i = 0; i < bits.Length; i++)
        {
            var word = bits[i];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                yield return i * 64 + bit;
                word &= word - 1;
            }
        }
    }
}
