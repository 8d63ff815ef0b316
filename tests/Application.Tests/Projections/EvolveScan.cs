using System.Reflection;
using System.Reflection.Emit;

namespace KosodateShien.Application.Tests.Projections;

/// <summary>
/// The types a method tests its values against (<c>isinst</c>, as a C# type pattern compiles to), following the calls it makes
/// into the project's own assemblies: for an <c>Evolve</c>, the event types it folds. The history labels
/// (<see cref="KosodateShien.Projections.EventLabels"/>) name every event there is and fold nothing: they are not followed.
/// </summary>
public static class EvolveScan
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static IReadOnlySet<Type> TypesTestedBy(MethodBase method)
    {
        var types = new HashSet<Type>();
        Walk(method, types, []);
        return types;
    }

    private static void Walk(MethodBase method, HashSet<Type> types, HashSet<MethodBase> seen)
    {
        if (!seen.Add(method) || method.DeclaringType == typeof(KosodateShien.Projections.EventLabels) || method.GetMethodBody()?.GetILAsByteArray() is not { } il) return;
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            var token = code.OperandType is OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok ? BitConverter.ToInt32(il, at) : 0;
            if (code == OpCodes.Isinst || code == OpCodes.Castclass || code == OpCodes.Unbox_Any)
                types.Add(module.ResolveType(token, typeArguments, methodArguments));
            else if (code.OperandType == OperandType.InlineMethod && Resolve(module, token, typeArguments, methodArguments) is { } called
                     && called.Module.Assembly.GetName().Name?.StartsWith("KosodateShien", StringComparison.Ordinal) == true)
                Walk(called, types, seen);
            at += OperandSize(code, il, at);
        }
    }

    private static MethodBase? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMethod(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
