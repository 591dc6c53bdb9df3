using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Editor;

namespace ModelHub.ComponentTests;

public sealed class ParametersPanelTests : ComponentTest
{
    [Fact]
    public void TypedParametersReachTheEditorAndAnEmptyFieldMeansTheProviderDefault()
    {
        var editor = new PlaygroundEditor();
        var panel = Render<ParametersPanel>(p => p.Add(x => x.Editor, editor));

        panel.Find("#temperature").Change("0.7");
        panel.Find("#top-p").Change("0.95");
        panel.Find("#max-tokens").Change("256");
        panel.Find("#seed").Change("42");
        panel.Find("#stop-sequences").Change("END\nSTOP");
        panel.Find("input[type=checkbox]").Change(true);

        Assert.Equal((0.7, 0.95, 256, 42L, "END\nSTOP", true),
            (editor.Temperature, editor.TopP, editor.MaxTokens, editor.Seed, editor.StopText, editor.JsonResponse));

        panel.Find("#temperature").Change("");
        Assert.Null(editor.Temperature);
    }

    [Fact]
    public void EveryParameterFieldIsNamedByItsLabel()
    {
        var panel = Render<ParametersPanel>(p => p.Add(x => x.Editor, new PlaygroundEditor()));

        foreach (var label in panel.FindAll("label[for]"))
        {
            Assert.NotNull(panel.Find($"#{label.GetAttribute("for")}"));
        }

        Assert.Equal(5, panel.FindAll("label[for]").Count);
        Assert.Contains("Answer in JSON", panel.Find("label.mh-check").TextContent);
    }
}
