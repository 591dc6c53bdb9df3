using System.Buffers.Binary;
using System.Text;

namespace ModelHub.Benchmarks.Circuits;

/// <summary>
/// The page as blazor.web.js keeps it, without a browser: render batches from the server (the binary
/// format blazor.web.js reads in its OutOfProcessRenderBatch) applied to a tree of logical nodes the way
/// its BrowserRenderer applies them (components are containers, regions are flattened, event handlers
/// stay on their element by id). It holds just enough to find an element and the handler ids on it.
/// </summary>
internal sealed class LogicalDom
{
    private readonly Dictionary<int, ComponentNode> components = [];

    /// <summary>Called with the text of every text node a batch inserts or updates.</summary>
    public Action<string>? TextChanged { get; set; }

    public List<ComponentNode> Roots { get; } = [];

    /// <summary>Components the page holds on the server (each is a component instance and its render tree there).</summary>
    public int ComponentCount => components.Count;

    public void AttachRoot(int componentId)
    {
        var root = new ComponentNode(componentId);
        components[componentId] = root;
        Roots.Add(root);
    }

    public void Apply(ReadOnlySpan<byte> batch)
    {
        var reader = new BatchReader(batch.ToArray());
        var updated = reader.Int(batch.Length - 20);
        var frames = reader.Int(batch.Length - 16) + 4;
        var disposedComponents = reader.Int(batch.Length - 12);
        var count = reader.Int(updated);
        for (var i = 0; i < count; i++)
        {
            var diff = reader.Int(updated + 4 + (4 * i));
            var componentId = reader.Int(diff);
            if (!components.TryGetValue(componentId, out var component))
            {
                throw new InvalidOperationException($"Render batch updates component {componentId}, which is not on the page.");
            }

            ApplyEdits(reader, component, diff + 4, frames);
        }

        var disposedCount = reader.Int(disposedComponents);
        for (var i = 0; i < disposedCount; i++)
        {
            components.Remove(reader.Int(disposedComponents + 4 + (4 * i)));
        }
    }

    /// <summary>Elements in document order, components' content in place.</summary>
    public IEnumerable<ElementNode> Elements() => Roots.SelectMany(r => r.Descendants()).OfType<ElementNode>();

    private void ApplyEdits(BatchReader reader, ComponentNode component, int edits, int frames)
    {
        var count = reader.Int(edits);
        Node parent = component;
        var depth = 0;
        List<(int From, int To)>? permutations = null;
        for (var i = 0; i < count; i++)
        {
            var edit = edits + 4 + (16 * i);
            var type = reader.Int(edit);
            var sibling = reader.Int(edit + 4);
            var treeIndex = reader.Int(edit + 8);
            switch (type)
            {
                case 1: // prependFrame
                    InsertFrame(reader, parent, sibling, frames, treeIndex);
                    break;
                case 2: // removeFrame
                    parent.Children.RemoveAt(sibling);
                    break;
                case 3: // setAttribute
                    ApplyAttribute(reader, (ElementNode)parent.Children[sibling], Frame(frames, treeIndex));
                    break;
                case 4: // removeAttribute
                    var removed = reader.String(reader.Int(edit + 12))!;
                    var element = (ElementNode)parent.Children[sibling];
                    element.Attributes.Remove(removed);
                    element.Events.Remove(removed.StartsWith("on", StringComparison.Ordinal) ? removed[2..] : removed);
                    break;
                case 5: // updateText
                    var text = (TextNode)parent.Children[sibling];
                    text.Text = reader.String(reader.Int(Frame(frames, treeIndex) + 4)) ?? "";
                    TextChanged?.Invoke(text.Text);
                    break;
                case 6: // stepIn
                    parent = parent.Children[sibling];
                    depth++;
                    break;
                case 7: // stepOut
                    parent = parent.Parent!;
                    depth--;
                    break;
                case 8: // updateMarkup
                    parent.Children.RemoveAt(sibling);
                    Insert(parent, sibling, new MarkupNode(reader.String(reader.Int(Frame(frames, treeIndex) + 4)) ?? ""));
                    break;
                case 9: // permutationListEntry
                    (permutations ??= []).Add((sibling, treeIndex));
                    break;
                case 10: // permutationListEnd
                    var moving = permutations!.Select(p => (p.To, Node: parent.Children[p.From])).ToList();
                    foreach (var (to, node) in moving)
                    {
                        parent.Children[to] = node;
                    }

                    permutations = null;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown render edit type {type}.");
            }
        }

        if (depth != 0)
        {
            throw new InvalidOperationException("A render diff stepped in more often than out.");
        }
    }

    private static int Frame(int frames, int index) => frames + (20 * index);

    /// <summary>Inserts one reference frame (and its subtree) at <paramref name="index"/>; returns how many logical children it added.</summary>
    private int InsertFrame(BatchReader reader, Node parent, int index, int frames, int frameIndex)
    {
        var frame = Frame(frames, frameIndex);
        switch (reader.Int(frame))
        {
            case 1: // element
                var element = new ElementNode(reader.String(reader.Int(frame + 8))!);
                var end = frameIndex + reader.Int(frame + 4);
                var child = frameIndex + 1;
                for (; child < end && reader.Int(Frame(frames, child)) == 3; child++)
                {
                    ApplyAttribute(reader, element, Frame(frames, child));
                }

                Insert(parent, index, element);
                InsertRange(reader, element, 0, frames, child, end);
                return 1;
            case 2: // text
                var text = new TextNode(reader.String(reader.Int(frame + 4)) ?? "");
                Insert(parent, index, text);
                TextChanged?.Invoke(text.Text);
                return 1;
            case 4: // component
                var component = new ComponentNode(reader.Int(frame + 8));
                components[component.Id] = component;
                Insert(parent, index, component);
                return 1;
            case 5: // region: its frames become siblings
                return InsertRange(reader, parent, index, frames, frameIndex + 1, frameIndex + reader.Int(frame + 4));
            case 6 or 10: // element reference capture, named event
                return 0;
            case 8: // markup
                Insert(parent, index, new MarkupNode(reader.String(reader.Int(frame + 4)) ?? ""));
                return 1;
            case var other:
                throw new InvalidOperationException($"Unexpected render frame type {other}.");
        }
    }

    private int InsertRange(BatchReader reader, Node parent, int index, int frames, int start, int end)
    {
        var first = index;
        for (var i = start; i < end; i++)
        {
            var frame = Frame(frames, i);
            index += InsertFrame(reader, parent, index, frames, i);
            if (reader.Int(frame) is 1 or 4 or 5)
            {
                i += reader.Int(frame + 4) - 1;
            }
        }

        return index - first;
    }

    private static void ApplyAttribute(BatchReader reader, ElementNode element, int frame)
    {
        var name = reader.String(reader.Int(frame + 4))!;
        var handler = reader.Long(frame + 12);
        if (handler != 0)
        {
            element.Events[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = handler;
            return;
        }

        var value = reader.String(reader.Int(frame + 8));
        if (value is null)
        {
            element.Attributes.Remove(name);
        }
        else
        {
            element.Attributes[name] = value;
        }
    }

    private static void Insert(Node parent, int index, Node child)
    {
        child.Parent = parent;
        parent.Children.Insert(index, child);
    }

    private readonly struct BatchReader(byte[] data)
    {
        private readonly int strings = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(data.Length - 4));

        public int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));

        public ulong Long(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(offset));

        public string? String(int index)
        {
            if (index == -1)
            {
                return null;
            }

            var position = Int(strings + (4 * index));
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = data[position++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);

            return Encoding.UTF8.GetString(data, position, length);
        }
    }
}

internal abstract class Node
{
    public Node? Parent { get; set; }

    public List<Node> Children { get; } = [];

    public IEnumerable<Node> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var descendant in child.Descendants())
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The component whose render output holds this node (what blazor.web.js sends as the event's componentId).</summary>
    public int RenderingComponentId() => Parent switch
    {
        ComponentNode component => component.Id,
        { } parent => parent.RenderingComponentId(),
        null => throw new InvalidOperationException("The node is not inside a component."),
    };

    public string TextContent() => this switch
    {
        TextNode text => text.Text,
        _ => string.Concat(Children.Select(c => c.TextContent())),
    };
}

internal sealed class ComponentNode(int id) : Node
{
    public int Id { get; } = id;
}

internal sealed class ElementNode(string name) : Node
{
    public string Name { get; } = name;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Event name (without "on") to the handler id the server gave it.</summary>
    public Dictionary<string, ulong> Events { get; } = new(StringComparer.Ordinal);

    public bool HasClass(string name) => Attributes.TryGetValue("class", out var classes) && classes.Split(' ').Contains(name);
}

internal sealed class TextNode(string text) : Node
{
    public string Text { get; set; } = text;
}

internal sealed class MarkupNode(string markup) : Node
{
    public string Markup { get; } = markup;
}
