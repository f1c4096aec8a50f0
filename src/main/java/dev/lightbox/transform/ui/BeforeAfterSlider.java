package dev.lightbox.transform.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.dom.Element;

/**
 * The original and the result on top of each other; a range input across the whole picture moves the split
 * in the browser (no server round trip). Left of the split: before; right: after.
 */
class BeforeAfterSlider extends Div {

    BeforeAfterSlider(Image before, Image after) {
        addClassName("before-after");
        setId("before-after");
        before.addClassName("before-after-before");
        after.addClassName("before-after-after");
        after.setId("before-after-result");
        var divider = new Div();
        divider.addClassName("before-after-divider");
        var range = new Element("input");
        range.setAttribute("type", "range");
        range.setAttribute("min", "0");
        range.setAttribute("max", "100");
        range.setAttribute("value", "50");
        range.setAttribute("aria-label", "Move the split between before and after");
        range.setAttribute("id", "before-after-range");
        range.getClassList().add("before-after-range");
        range.executeJs("const box = this.parentNode;"
                + "const set = () => box.style.setProperty('--split', this.value + '%');"
                + "this.addEventListener('input', set); set();");
        var labels = new Div();
        labels.addClassName("before-after-labels");
        labels.getElement().setProperty("innerHTML", "<span>Before</span><span>After</span>");
        add(before, after, divider);
        getElement().appendChild(range);
        add(labels);
    }
}
