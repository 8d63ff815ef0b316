using System.Security.Cryptography;
using System.Text.Json;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Generator;

/// <summary>
/// The instance as JSON Lines: one line per facility, then one per household, in instance order. This is also
/// the canonical form its SHA-256 is taken over. Options are arrays aligned with the household's children
/// (null = not placed), read by child id, so they never depend on a dictionary's enumeration order.
/// </summary>
public static class InstanceJsonLines
{
    public static void Write(AllocationInstance instance, Stream output)
    {
        using var writer = new Utf8JsonWriter(output);
        foreach (var facility in instance.Facilities)
        {
            writer.WriteStartObject();
            writer.WriteString("facility", facility.Id);
            writer.WriteStartArray("capacity");
            foreach (var seats in facility.Capacity) writer.WriteNumberValue(seats);
            writer.WriteEndArray();
            writer.WriteEndObject();
            EndLine(writer, output);
        }
        foreach (var household in instance.Households)
        {
            WriteHousehold(writer, household);
            EndLine(writer, output);
        }
    }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON Lines.</summary>
    public static string Sha256(AllocationInstance instance)
    {
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            Write(instance, hashing);
        return Convert.ToHexStringLower(sha.Hash!);
    }

    /// <summary>Writes the file and returns its SHA-256 (the same as <see cref="Sha256"/>).</summary>
    public static string WriteFile(AllocationInstance instance, string path)
    {
        using var sha = SHA256.Create();
        using (var file = File.Create(path))
        using (var hashing = new CryptoStream(file, sha, CryptoStreamMode.Write))
            Write(instance, hashing);
        return Convert.ToHexStringLower(sha.Hash!);
    }

    private static void WriteHousehold(Utf8JsonWriter writer, HouseholdApplication household)
    {
        writer.WriteStartObject();
        writer.WriteString("household", household.Id);
        writer.WriteNumber("score", household.Score);
        writer.WriteStartArray("tieBreak");
        foreach (var key in household.TieBreak) writer.WriteNumberValue(key);
        writer.WriteEndArray();
        writer.WriteNumber("lottery", household.Lottery);
        writer.WriteNumber("tier", household.Tier);
        writer.WriteStartArray("children");
        foreach (var child in household.Children)
        {
            writer.WriteStartObject();
            writer.WriteString("id", child.Id);
            writer.WriteNumber("ageClass", child.AgeClass);
            if (child.HeldSeat is not null) writer.WriteString("heldSeat", child.HeldSeat);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("options");
        foreach (var option in household.Options)
        {
            writer.WriteStartArray();
            foreach (var child in household.Children) writer.WriteStringValue(option.GetValueOrDefault(child.Id));
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void EndLine(Utf8JsonWriter writer, Stream output)
    {
        writer.Flush();
        output.WriteByte((byte)'\n');
        writer.Reset(output);
    }
}
