@NullMarked
package dev.lightbox.analysis.service;

import org.jspecify.annotations.NullMarked;
