using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ManifestGen.Tests.Layout;

/// <summary>
/// Dead code stays gone. The build refuses a private member nothing uses or reads and an unused parameter of a
/// non-public method (IDE0051, IDE0052, IDE0060 in .editorconfig). This test covers what those analyzers cannot see:
/// a method, property or constructor of the tool's own assemblies (ManifestGen.Yaml, ManifestGen.Core and the CLI) that
/// no code of those assemblies calls. It reads the compiled IL (System.Reflection.Metadata): every call, newobj,
/// ldftn and ldtoken of a method, in any method body, marks the method it names as used.
/// <para>What it can see: methods and accessors called from nowhere in the product, whatever their visibility. What it
/// cannot see, and so never reports: overloads one by one (a type's member name used once marks every overload of
/// it), members reached only through reflection or dispatch (overrides, interface implementations, virtual members,
/// CommandLineParser's option properties, the entry point, operators and members the compiler writes for records),
/// fields (IDE0052 covers the private ones), and members the tests alone use: each of those is listed below, with why
/// it is kept.</para>
/// </summary>
public class UnusedMembersTests
{
    /// <summary>Members no product code calls that are kept on purpose, and why.</summary>
    private static readonly Dictionary<string, string> Kept = new(StringComparer.Ordinal)
    {
        ["Program..ctor"] = "the class the compiler writes for the top-level statements",
        ["ManifestGen.Charts.ChartCatalog.get_BuiltInCharts"] = "the charts the built-in data holds: ChartDataTests pins the list",
        ["ManifestGen.Diagnostics.DiagnosticCodes.get_All"] = "the code table: CodeTableTests generates the README's table from it and checks each code once",
        ["ManifestGen.Yaml.YamlCodes.get_All"] = "the YAML engine's code table, read by CodeTableTests as DiagnosticCodes.All is",
        ["ManifestGen.Spec.GoDuration.ToTimeSpan"] = "SpecLoaderTests compares a parsed duration with Go's value in seconds",
        ["ManifestGen.Pipeline.RepositoryWrite.Generate"] = "generate as one library call; the CLI composes Lock and Write around its fleet and chart-fetching run (RepositoryWriteTests)",
        ["ManifestGen.Templates.TemplateRenderer.get_StandardLibraryRenders"] = "TemplateBuiltinsTests proves no template reaches Scriban's standard library (the native build trims it)",
    };

    private static readonly Assembly[] Product =
    [
        typeof(ManifestGen.Yaml.YamlFile).Assembly,
        typeof(ManifestGen.Pipeline.Generator).Assembly,
        typeof(ManifestGen.Cli.ManifestGenCli).Assembly,
    ];

    [Fact]
    public void Every_method_of_the_tool_is_called_by_the_tool()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var defined = new List<(string Key, string Shown)>();
        foreach (var assembly in Product)
        {
            using var pe = new PEReader(File.OpenRead(assembly.Location));
            var md = pe.GetMetadataReader();
            foreach (var typeHandle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(typeHandle);
                var typeName = TypeName(md, typeHandle);
                if (typeName.Contains('<', StringComparison.Ordinal)) continue; // closures and state machines the compiler writes
                var isRecord = type.GetMethods().Any(m => md.GetString(md.GetMethodDefinition(m).Name) == "<Clone>$");
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = md.GetMethodDefinition(methodHandle);
                    var name = md.GetString(method.Name);
                    if (Reached(md, method, name, isRecord)) continue;
                    defined.Add(($"{typeName}::{name}", $"{typeName}.{name}"));
                }
            }
            // Every method named in a body: calls, constructions, delegates, tokens.
            foreach (var methodHandle in md.MethodDefinitions)
            {
                var method = md.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                foreach (var token in Tokens(body.GetILReader()))
                    if (Named(md, token) is { } key) used.Add(key);
            }
        }
        var dead = defined.Where(d => !used.Contains(d.Key) && !Kept.ContainsKey(d.Shown)).Select(d => d.Shown).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(dead.Count == 0, "no code of the tool calls these (remove them, or list them in Kept with why):\n" + string.Join("\n", dead));
        Assert.All(Kept.Keys, k => Assert.Contains(k, defined.Select(d => d.Shown)));
    }

    [Fact]
    public void The_check_sees_a_method_nothing_calls()
    {
        // Itself is not product code, so reading its own assembly must find this uncalled helper.
        using var pe = new PEReader(File.OpenRead(typeof(UnusedMembersTests).Assembly.Location));
        var md = pe.GetMetadataReader();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var methodHandle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(methodHandle);
            if (method.RelativeVirtualAddress == 0) continue;
            foreach (var token in Tokens(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                if (Named(md, token) is { } key) used.Add(key);
        }
        Assert.DoesNotContain($"{typeof(Planted).FullName}::{nameof(Planted.NothingCallsThis)}", used);
        Assert.Contains($"{typeof(UnusedMembersTests).FullName}::{nameof(Tokens)}", used);
    }

    private static class Planted
    {
        public static int NothingCallsThis() => 42;
    }

    /// <summary>Members the IL cannot show as called: dispatch, reflection, and what the compiler writes.</summary>
    private static bool Reached(MetadataReader md, MethodDefinition method, string name, bool isRecord)
    {
        var attributes = method.Attributes;
        if ((attributes & MethodAttributes.Virtual) != 0) return true; // overrides, interface members: called through dispatch
        if (name is ".cctor" or "Main" || name.StartsWith('<') || name.StartsWith("op_", StringComparison.Ordinal)) return true;
        if (isRecord && name is "Deconstruct" or "PrintMembers" or "get_EqualityContract") return true;
        // CommandLineParser creates its verb types and sets their option properties; a source generator's members
        // (System.Text.Json's context) are read through what it generates.
        var type = md.GetTypeDefinition(method.GetDeclaringType());
        if (type.GetCustomAttributes().Any(a => AttributeNamespace(md, md.GetCustomAttribute(a)) is "CommandLine" or "System.CodeDom.Compiler")) return true;
        if ((attributes & MethodAttributes.SpecialName) != 0 && PropertyAttributes(md, method).Any(ns => ns is "CommandLine" or "System.CodeDom.Compiler")) return true;
        foreach (var attribute in method.GetCustomAttributes())
            if (AttributeNamespace(md, md.GetCustomAttribute(attribute)) is "CommandLine" or "System.Runtime.CompilerServices" &&
                AttributeName(md, md.GetCustomAttribute(attribute)) is not "NullableContextAttribute") return true;
        return false;
    }

    /// <summary>The namespaces of the attributes on the property this accessor belongs to (CommandLineParser's [Option]).</summary>
    private static IEnumerable<string?> PropertyAttributes(MetadataReader md, MethodDefinition accessor)
    {
        var type = md.GetTypeDefinition(accessor.GetDeclaringType());
        foreach (var propertyHandle in type.GetProperties())
        {
            var property = md.GetPropertyDefinition(propertyHandle);
            var accessors = property.GetAccessors();
            var names = new[] { accessors.Getter, accessors.Setter }.Where(h => !h.IsNil).Select(h => md.GetMethodDefinition(h).Name);
            if (!names.Contains(accessor.Name)) continue;
            return property.GetCustomAttributes().Select(a => AttributeNamespace(md, md.GetCustomAttribute(a))).ToList();
        }
        return [];
    }

    private static string? AttributeNamespace(MetadataReader md, CustomAttribute attribute) => attribute.Constructor.Kind switch
    {
        HandleKind.MemberReference when md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent.Kind == HandleKind.TypeReference =>
            md.GetString(md.GetTypeReference((TypeReferenceHandle)md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent).Namespace),
        HandleKind.MethodDefinition => md.GetString(md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()).Namespace),
        _ => null,
    };

    private static string? AttributeName(MetadataReader md, CustomAttribute attribute) => attribute.Constructor.Kind switch
    {
        HandleKind.MemberReference when md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent.Kind == HandleKind.TypeReference =>
            md.GetString(md.GetTypeReference((TypeReferenceHandle)md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent).Name),
        HandleKind.MethodDefinition => md.GetString(md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()).Name),
        _ => null,
    };

    /// <summary>The metadata tokens of the instructions that name a method (call, callvirt, newobj, ldftn, ldvirtftn, ldtoken, jmp).</summary>
    private static IEnumerable<int> Tokens(BlobReader il)
    {
        var tokens = new List<int>();
        while (il.RemainingBytes > 0)
        {
            int code = il.ReadByte();
            if (code == 0xFE) code = 0xFE00 | il.ReadByte();
            switch (code)
            {
                case 0x28 or 0x6F or 0x73 or 0x27 or 0xD0 or 0xFE06 or 0xFE07: // call callvirt newobj jmp ldtoken ldftn ldvirtftn
                    tokens.Add(il.ReadInt32());
                    break;
                case 0x45: // switch
                    var count = il.ReadInt32();
                    il.Offset += count * 4;
                    break;
                default:
                    il.Offset += OperandSize(code);
                    break;
            }
        }
        return tokens;
    }

    private static int OperandSize(int code) => code switch
    {
        0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F or 0xDE => 1, // ldarg.s .. stloc.s, ldc.i4.s, leave.s
        >= 0x2B and <= 0x37 => 1, // short branches
        0x20 or 0x22 or 0xDD => 4, // ldc.i4, ldc.r4, leave
        >= 0x38 and <= 0x44 => 4, // long branches
        0x21 or 0x23 => 8, // ldc.i8, ldc.r8
        0x29 or 0x70 or 0x71 or 0x72 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E or 0x7F or 0x80 or 0x81 or 0x8C or 0x8D
            or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xFE15 or 0xFE16 or 0xFE1C or 0xFE1D => 4, // token operands
        0xFE09 or 0xFE0A or 0xFE0B or 0xFE0C or 0xFE0D or 0xFE0E => 2, // ldarg, ldarga, starg, ldloc, ldloca, stloc
        0xFE12 => 1, // unaligned.
        0xFE19 => 1, // no.
        _ => 0,
    };

    /// <summary>TYPE::NAME of the method a token names (generic instances and references to other assemblies included).</summary>
    private static string? Named(MetadataReader md, int token)
    {
        var handle = MetadataTokens.EntityHandle(token);
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                return $"{TypeName(md, method.GetDeclaringType())}::{md.GetString(method.Name)}";
            }
            case HandleKind.MemberReference:
            {
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                return ParentName(md, member.Parent) is { } parent ? $"{parent}::{md.GetString(member.Name)}" : null;
            }
            case HandleKind.MethodSpecification:
                return Named(md, MetadataTokens.GetToken(md.GetMethodSpecification((MethodSpecificationHandle)handle).Method));
            default:
                return null;
        }
    }

    private static string? ParentName(MetadataReader md, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeDefinition => TypeName(md, (TypeDefinitionHandle)parent),
        HandleKind.TypeReference => TypeReferenceName(md, (TypeReferenceHandle)parent),
        HandleKind.TypeSpecification => GenericTypeName(md, md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature),
        _ => null,
    };

    /// <summary>The generic type of a type specification (a field or method of <c>Box&lt;T&gt;</c> belongs to <c>Box`1</c>).</summary>
    private static string? GenericTypeName(MetadataReader md, BlobHandle signature)
    {
        var blob = md.GetBlobReader(signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
        blob.ReadSignatureTypeCode(); // class or valuetype
        var type = blob.ReadTypeHandle();
        return type.Kind switch
        {
            HandleKind.TypeDefinition => TypeName(md, (TypeDefinitionHandle)type),
            HandleKind.TypeReference => TypeReferenceName(md, (TypeReferenceHandle)type),
            _ => null,
        };
    }

    private static string TypeName(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var name = md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? Qualified(md.GetString(type.Namespace), name) : $"{TypeName(md, declaring)}+{name}";
    }

    private static string TypeReferenceName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        var name = md.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{TypeReferenceName(md, (TypeReferenceHandle)type.ResolutionScope)}+{name}"
            : Qualified(md.GetString(type.Namespace), name);
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";
}
